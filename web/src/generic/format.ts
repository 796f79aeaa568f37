/** Timestamps read the same everywhere (2024/03/05 14:07), in both UI languages. */
export const TIMESTAMP_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
};

export const formatTimestamp = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { ...TIMESTAMP_FORMAT, second: '2-digit' }) : '';
