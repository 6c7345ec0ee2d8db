import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boards in the reader's language: `translations` ({ "es": { "name", "description" } }) beside the
 * board's own words. The starting boards get their Spanish — only where an admin has not renamed
 * or redescribed them (a translation of other words would mislead) — and the Spanish-speaking
 * board is added. The words are written out here, as they were when this migration landed.
 */
const STARTING = [
  {
    slug: 'welcome-introductions',
    name: 'Welcome & Introductions',
    description: 'New here? Say hello, share as much or as little as you like, and meet people who get it.',
    es: {
      name: 'Bienvenida y presentaciones',
      description:
        '¿Acabas de llegar? Saluda, comparte tanto o tan poco como quieras y conoce a gente que te entiende.',
    },
  },
  {
    slug: 'withdrawal-detox',
    name: 'Withdrawal & Detox',
    description: 'Getting through withdrawal and detox: what helps, what to expect, and company at 2 a.m.',
    es: {
      name: 'Abstinencia y desintoxicación',
      description:
        'Cómo atravesar la abstinencia y la desintoxicación: qué ayuda, qué esperar y compañía a las 2 de la mañana.',
    },
  },
  {
    slug: 'medication-assisted-treatment',
    name: 'Medication-Assisted Treatment',
    description: 'Methadone, buprenorphine and naltrexone: experiences, questions and support. Medication is recovery.',
    es: {
      name: 'Tratamiento con medicamentos',
      description:
        'Metadona, buprenorfina y naltrexona: experiencias, preguntas y apoyo. El tratamiento con medicamentos es recuperación.',
    },
  },
  {
    slug: 'cravings-relapse-prevention',
    name: 'Cravings & Relapse Prevention',
    description: 'Riding out cravings, spotting triggers, and starting again after a slip without shame.',
    es: {
      name: 'Ganas de consumir y prevención de recaídas',
      description:
        'Cómo aguantar las ganas de consumir, reconocer lo que te provoca y volver a empezar después de un tropiezo, sin vergüenza.',
    },
  },
  {
    slug: 'family-friends',
    name: 'Family & Friends',
    description: 'For the people beside someone in recovery: worries, boundaries and looking after yourself.',
    es: {
      name: 'Familia y amistades',
      description: 'Para quienes acompañan a alguien en recuperación: preocupaciones, límites y cómo cuidarte.',
    },
  },
  {
    slug: 'milestones-wins',
    name: 'Milestones & Wins',
    description: 'One day, one month, one year, or one good afternoon: share what went right.',
    es: {
      name: 'Hitos y logros',
      description: 'Un día, un mes, un año o una buena tarde: comparte lo que salió bien.',
    },
  },
  {
    slug: 'life-in-recovery',
    name: 'Life in Recovery',
    description: 'Work, relationships, health, hobbies and everything else that makes a life worth protecting.',
    es: {
      name: 'La vida en recuperación',
      description:
        'Trabajo, relaciones, salud, pasatiempos y todo lo demás que hace que valga la pena proteger una vida.',
    },
  },
];

const SPANISH_BOARD = {
  slug: 'comunidad-en-espanol',
  name: 'Comunidad en español',
  description: 'Spanish-speaking community: share, ask and support each other in Spanish.',
  es: {
    name: 'Comunidad en español',
    description:
      'Un espacio para hablar en español de la recuperación, la familia y la vida diaria, con gente que te entiende.',
  },
};

export class BoardTranslations1765600001000 implements MigrationInterface {
  name = 'BoardTranslations1765600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE boards ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'`);
    for (const board of STARTING) {
      await q.query(
        `UPDATE boards SET translations = jsonb_build_object('es', jsonb_strip_nulls(jsonb_build_object(
           'name', CASE WHEN name = $2 THEN $4::text END,
           'description', CASE WHEN description = $3 THEN $5::text END)))
         WHERE slug = $1::text AND (name = $2::text OR description = $3::text)`,
        [board.slug, board.name, board.description, board.es.name, board.es.description],
      );
    }
    // A new database has no boards yet: the start-up seed (boards.seeds.ts) creates all of them,
    // this one last. An existing one gets it after its own boards.
    await q.query(
      `INSERT INTO boards (slug, name, description, position, translations)
       SELECT $1::text, $2::text, $3::text, max(position) + 1, $4::jsonb FROM boards HAVING count(*) > 0
       ON CONFLICT (slug) DO NOTHING`,
      [SPANISH_BOARD.slug, SPANISH_BOARD.name, SPANISH_BOARD.description, JSON.stringify({ es: SPANISH_BOARD.es })],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The Spanish-speaking board stays if anyone wrote in it (threads hold on to their board).
    await q.query(
      `DELETE FROM boards b WHERE b.slug = $1 AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.board_id = b.id)`,
      [SPANISH_BOARD.slug],
    );
    await q.query(`ALTER TABLE boards DROP COLUMN translations`);
  }
}
