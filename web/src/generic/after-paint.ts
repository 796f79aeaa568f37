import { useEffect, useState } from 'react';

/**
 * False in a component's first render, true from the frame after it was painted. A list screen draws its
 * filter bar then (generic/GenericList.tsx): the bar's inputs (a form, autocompletes) cost about as much
 * as the 25 rows, and the rows are what the user came for (issue 13 items 1 and 7).
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return painted;
}
