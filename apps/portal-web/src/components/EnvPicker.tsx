import { Segmented, Tooltip } from 'antd';
import { useEnvironments } from '../api/queries';
import { useI18n } from '../i18n/i18n';

export function EnvPicker({ value, onChange }: { value: string | undefined; onChange(env: string): void }) {
  const { t } = useI18n();
  const envs = useEnvironments();
  if (!envs.data || envs.data.length === 0) return null;
  return (
    <Segmented
      aria-label={t('nav.env')}
      value={value}
      onChange={(next) => onChange(String(next))}
      options={envs.data.map((env) => ({
        value: env.env,
        label:
          env.status === 'up' ? (
            env.env
          ) : (
            <Tooltip title={t('nav.envUnreachable', { env: env.env })}>
              <span style={{ color: '#cf1322' }}>{env.env} ⚠</span>
            </Tooltip>
          ),
      }))}
    />
  );
}
