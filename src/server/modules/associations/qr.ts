import QRCode from 'qrcode';

/**
 * QR codes for the public concern form. Error correction M (15 %): survives a worn or partly
 * covered poster, and keeps the symbol small enough to scan from a metre away at 6 cm.
 */
const ERROR_CORRECTION = 'M' as const;

/** An SVG QR code for `url`, black on white with the standard four-module quiet zone. */
export async function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}

/** The modules of the QR code for `url`, row by row (true: dark), for drawing it as vectors in a PDF. */
export function qrCodeModules(url: string): boolean[][] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: ERROR_CORRECTION });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))));
}
