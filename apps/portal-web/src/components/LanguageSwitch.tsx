import { Button } from 'antd';
import { useI18n } from '../i18n/i18n';

/** One button that switches between English and Chinese; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Button
      type="text"
      data-testid="language-switch"
      aria-label={t('lang.switchLabel')}
      onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
      style={{ color: 'inherit' }}
    >
      {t('lang.switch')}
    </Button>
  );
}
