import { useEffect, useState } from 'react';
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';

/**
 * The otpauth:// URI as a QR code, drawn here in the browser (the secret never leaves for another
 * service), and the key as text for those who cannot scan: typed into the app by hand.
 */
export function TotpQrCode({ uri }: { uri: string }) {
  const { t } = useTranslation('account');
  const [svg, setSvg] = useState<string | null>(null);
  const secret = new URL(uri).searchParams.get('secret') ?? '';

  useEffect(() => {
    let current = true;
    void QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }).then((markup) => {
      if (current) setSvg(markup);
    });
    return () => {
      current = false;
    };
  }, [uri]);

  return (
    <div className="totp-qr">
      {svg && <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t('twoFactor.qrAlt')} width={200} height={200} />}
      <Paragraph data-size="sm">
        {t('twoFactor.manualKey')} <code className="totp-qr__secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </Paragraph>
    </div>
  );
}
