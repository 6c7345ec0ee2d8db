import { ACTION_REASON_IDS, ACTION_REASONS } from '@kindred/contracts';
import { renderStored } from '../../i18n/message.js';
import { noticeText, reasonText, removedNote } from './notice-text.js';

const removal = {
  kind: 'removal' as const,
  targetType: 'thread',
  reason: 'spam',
  message: 'Please keep links out.',
  suspendedUntil: null,
  appealable: true,
};

describe('noticeText', () => {
  it('writes a notice in English as it always read', () => {
    expect(noticeText(removal, 'en')).toBe(
      'A moderator removed your thread because it looked like advertising or spam. A note from the moderator: "Please keep links out." We know this can feel hard. If you\'re struggling, the Need help now? page (/help) lists people you can reach any time. You can appeal if you think we got this wrong.',
    );
  });

  it('writes the same stored notice in Spanish for a Spanish reader', () => {
    expect(noticeText(removal, 'es')).toBe(
      'Alguien del equipo de moderación quitó tu conversación porque parecía publicidad o spam. Nota del equipo de moderación: “Please keep links out.” Sabemos que esto puede ser difícil. Si lo estás pasando mal, en la página ¿Necesitas ayuda ahora? (/help) encontrarás personas a quienes puedes acudir en cualquier momento. Puedes apelar si crees que nos equivocamos.',
    );
  });

  it('has every reason preset in the catalogue, in the words the presets give', () => {
    for (const id of ACTION_REASON_IDS) expect(reasonText(id, 'en')).toBe(ACTION_REASONS[id].text);
    expect(reasonText('not-a-preset', 'es')).toBe('no seguía las normas de la comunidad');
  });

  it('keeps the removal note on content as a message, read in the reader language', () => {
    const stored = removedNote('personal_info');
    expect(renderStored('en', stored)).toBe(
      'Removed by moderators because it contained details that could identify someone.',
    );
    expect(renderStored('es', stored)).toBe(
      'El equipo de moderación lo quitó porque tenía datos que podrían identificar a alguien.',
    );
    // Text stored before notes were messages is shown as it was written.
    expect(renderStored('es', 'Flagged by members')).toBe('Flagged by members');
  });
});
