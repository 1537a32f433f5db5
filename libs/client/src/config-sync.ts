/** One change of an incremental `/configs` answer (Apollo 2.5's `configurationChanges`). */
export interface ConfigurationChangeDto {
  key: string;
  newValue?: string | null;
  configurationChangeType: 'ADDED' | 'MODIFIED' | 'DELETED';
}

/** The parts of a `/configs` answer that say what the configuration now is. */
export interface ConfigAnswerDto {
  configurations?: Record<string, string> | null;
  releaseKey?: string;
  configSyncType?: string | null;
  configurationChanges?: ConfigurationChangeDto[] | null;
}

/**
 * The configuration after a `/configs` answer, as apollo-java 2.4 reads it: no `configSyncType`
 * (or `FullSync`) replaces the map with `configurations`; `IncrementalSync` applies the changes to
 * what the client held; any other type is an error (the answer is not understood, and applying
 * it partly would be worse than keeping the old configuration).
 */
export function applyConfigAnswer(
  held: Readonly<Record<string, string>>,
  answer: ConfigAnswerDto,
): Record<string, string> {
  const type = answer.configSyncType ?? 'FullSync';
  if (type === 'FullSync') return { ...(answer.configurations ?? {}) };
  if (type !== 'IncrementalSync') throw new Error(`unknown configSyncType ${JSON.stringify(type)}`);
  const next: Record<string, string> = { ...held };
  for (const change of answer.configurationChanges ?? []) {
    if (change.configurationChangeType === 'DELETED') delete next[change.key];
    else if (change.configurationChangeType === 'ADDED' || change.configurationChangeType === 'MODIFIED')
      next[change.key] = change.newValue ?? '';
    else throw new Error(`unknown configurationChangeType ${JSON.stringify(change.configurationChangeType)}`);
  }
  return next;
}
