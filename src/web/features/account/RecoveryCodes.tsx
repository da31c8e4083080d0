import { useState } from 'react';
import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** The recovery codes, shown once. Each works once if the phone with the app is lost. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation('account');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="recovery-codes">
      <ul className="recovery-codes__list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <Button variant="secondary" data-size="sm" onClick={() => void copy()}>
        {t('twoFactor.copyCodes')}
      </Button>
      <span role="status" className="recovery-codes__status">
        {copied ? t('twoFactor.copied') : ''}
      </span>
    </div>
  );
}
