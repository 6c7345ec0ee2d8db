import type { AuthResponse, PasskeyView } from '@kindred/contracts';
import { api } from './api';
import { t } from './i18n/i18n.svelte';

type CreationOptions = Parameters<typeof import('@simplewebauthn/browser').startRegistration>[0]['optionsJSON'];
type RequestOptions = Parameters<typeof import('@simplewebauthn/browser').startAuthentication>[0]['optionsJSON'];

/** True where the browser can use passkeys at all. */
export const passkeysSupported = (): boolean => typeof window.PublicKeyCredential === 'function';

/** Words for a browser-side failure (cancelled, timed out, not allowed). */
export function passkeyProblem(error: unknown): string | null {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return t('auth.passkey.cancelled');
  }
  if (name === 'InvalidStateError') return t('auth.passkey.exists');
  return null;
}

// @simplewebauthn/browser is loaded only when someone uses a passkey.
export async function addPasskey(): Promise<PasskeyView> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  const optionsJSON = await api.post<CreationOptions>('/me/passkeys/options');
  const response = await startRegistration({ optionsJSON });
  return api.post<PasskeyView>('/me/passkeys', { response });
}

export async function signInWithPasskey(): Promise<AuthResponse> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const optionsJSON = await api.post<RequestOptions>('/auth/passkey/options');
  const response = await startAuthentication({ optionsJSON });
  return api.post<AuthResponse>('/auth/passkey', { response });
}
