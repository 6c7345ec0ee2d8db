import { textLanguage } from './text-language.js';

describe(textLanguage.name, () => {
  it.each([
    ['Is day 3 always the worst? Sweating, diarrhea, cannot sleep.', 'en'],
    ['Starting bupe tomorrow — how long do I wait?', 'en'],
    ['¿El día 3 siempre es el peor? Sudo mucho y no puedo dormir.', 'es'],
    ['Recaí después de 90 días limpio y me siento fatal', 'es'],
    ['Mi hija está usando heroína otra vez', 'es'],
    ['naloxone', 'en'],
    ['zzqx wvvb', 'en'],
    ['', 'en'],
  ])('reads "%s" as %s', (text, locale) => {
    expect(textLanguage(text)).toBe(locale);
  });
});
