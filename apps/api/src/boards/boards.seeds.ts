import type { BoardSeed } from './boards.repository.js';

/**
 * The boards every Kindred starts with. Slugs are fixed: library articles are pinned to them.
 * `translations` are what readers of another language read (existing databases get them, and the
 * Spanish-speaking board, from migration 1765600001000).
 */
export const BOARD_SEEDS: BoardSeed[] = [
  {
    slug: 'welcome-introductions',
    name: 'Welcome & Introductions',
    description: 'New here? Say hello, share as much or as little as you like, and meet people who get it.',
    position: 1,
    translations: {
      es: {
        name: 'Bienvenida y presentaciones',
        description:
          '¿Acabas de llegar? Saluda, comparte tanto o tan poco como quieras y conoce a gente que te entiende.',
      },
    },
  },
  {
    slug: 'withdrawal-detox',
    name: 'Withdrawal & Detox',
    description: 'Getting through withdrawal and detox: what helps, what to expect, and company at 2 a.m.',
    position: 2,
    translations: {
      es: {
        name: 'Abstinencia y desintoxicación',
        description:
          'Cómo atravesar la abstinencia y la desintoxicación: qué ayuda, qué esperar y compañía a las 2 de la mañana.',
      },
    },
  },
  {
    slug: 'medication-assisted-treatment',
    name: 'Medication-Assisted Treatment',
    description: 'Methadone, buprenorphine and naltrexone: experiences, questions and support. Medication is recovery.',
    position: 3,
    translations: {
      es: {
        name: 'Tratamiento con medicamentos',
        description:
          'Metadona, buprenorfina y naltrexona: experiencias, preguntas y apoyo. El tratamiento con medicamentos es recuperación.',
      },
    },
  },
  {
    slug: 'cravings-relapse-prevention',
    name: 'Cravings & Relapse Prevention',
    description: 'Riding out cravings, spotting triggers, and starting again after a slip without shame.',
    position: 4,
    translations: {
      es: {
        name: 'Ganas de consumir y prevención de recaídas',
        description:
          'Cómo aguantar las ganas de consumir, reconocer lo que te provoca y volver a empezar después de un tropiezo, sin vergüenza.',
      },
    },
  },
  {
    slug: 'family-friends',
    name: 'Family & Friends',
    description: 'For the people beside someone in recovery: worries, boundaries and looking after yourself.',
    position: 5,
    translations: {
      es: {
        name: 'Familia y amistades',
        description: 'Para quienes acompañan a alguien en recuperación: preocupaciones, límites y cómo cuidarte.',
      },
    },
  },
  {
    slug: 'milestones-wins',
    name: 'Milestones & Wins',
    description: 'One day, one month, one year, or one good afternoon: share what went right.',
    position: 6,
    translations: {
      es: {
        name: 'Hitos y logros',
        description: 'Un día, un mes, un año o una buena tarde: comparte lo que salió bien.',
      },
    },
  },
  {
    slug: 'life-in-recovery',
    name: 'Life in Recovery',
    description: 'Work, relationships, health, hobbies and everything else that makes a life worth protecting.',
    position: 7,
    translations: {
      es: {
        name: 'La vida en recuperación',
        description:
          'Trabajo, relaciones, salud, pasatiempos y todo lo demás que hace que valga la pena proteger una vida.',
      },
    },
  },
  {
    slug: 'comunidad-en-espanol',
    name: 'Comunidad en español',
    description: 'Spanish-speaking community: share, ask and support each other in Spanish.',
    position: 8,
    translations: {
      es: {
        name: 'Comunidad en español',
        description:
          'Un espacio para hablar en español de la recuperación, la familia y la vida diaria, con gente que te entiende.',
      },
    },
  },
];
