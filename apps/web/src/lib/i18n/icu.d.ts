/** A catalogue compiled by vite-messages.ts: one function per message key. */
declare module '*.json?icu' {
  const messages: Record<string, (params?: Record<string, unknown>) => string>;
  export default messages;
}
