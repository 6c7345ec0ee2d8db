/**
 * A coarse description of a device from its user agent: "Chrome on Android", "Safari on iPhone",
 * "Firefox on Windows". Only the browser family and the kind of system — no versions, no device
 * model — so the label tells a person which of their devices it is and nothing more.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512);
  return `${browserOf(ua)} on ${systemOf(ua)}`;
}

function browserOf(ua: string): string {
  if (/\bEdg(?:e|A|iOS)?\//.test(ua)) return 'Edge';
  if (/\bSamsungBrowser\//.test(ua)) return 'Samsung Internet';
  if (/\b(?:OPR|Opera)\//.test(ua)) return 'Opera';
  if (/\b(?:Firefox|FxiOS)\//.test(ua)) return 'Firefox';
  if (/(?:\b|Headless)(?:Chrome|Chromium|CriOS)\//.test(ua)) return 'Chrome';
  if (/\bSafari\//.test(ua) && /\bVersion\//.test(ua)) return 'Safari';
  return 'A browser';
}

function systemOf(ua: string): string {
  if (/\bAndroid\b/.test(ua)) return 'Android';
  if (/\biPhone\b/.test(ua)) return 'iPhone';
  if (/\biPad\b/.test(ua)) return 'iPad';
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bWindows\b/.test(ua)) return 'Windows';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'Mac';
  if (/\bLinux\b/.test(ua)) return 'Linux';
  return 'an unknown device';
}
