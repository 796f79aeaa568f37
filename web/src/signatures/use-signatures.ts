/** A record's electronic signatures (GET /api/:res/:id/signatures), each with its valid/broken state. */
import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import { hasSignedVerbs } from '../auth/verbs';
import { getSignatures } from '../providers/api';

export function useSignatures(resource: string, id: Identifier | undefined, version?: unknown) {
  return useQuery({
    // `version` refetches once the record changed (a broken signature shows at once).
    queryKey: [resource, 'signatures', String(id), version],
    queryFn: () => getSignatures(resource, id!),
    enabled: id != null && hasSignedVerbs(resource),
    retry: false,
  });
}
