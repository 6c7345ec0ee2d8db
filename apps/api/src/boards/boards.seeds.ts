import type { BoardSeed } from './boards.repository.js';

/** The boards every Kindred starts with. Slugs are fixed: library articles are pinned to them. */
export const BOARD_SEEDS: BoardSeed[] = [
  {
    slug: 'welcome-introductions',
    name: 'Welcome & Introductions',
    description: 'New here? Say hello, share as much or as little as you like, and meet people who get it.',
    position: 1,
  },
  {
    slug: 'withdrawal-detox',
    name: 'Withdrawal & Detox',
    description: 'Getting through withdrawal and detox: what helps, what to expect, and company at 2 a.m.',
    position: 2,
  },
  {
    slug: 'medication-assisted-treatment',
    name: 'Medication-Assisted Treatment',
    description: 'Methadone, buprenorphine and naltrexone: experiences, questions and support. Medication is recovery.',
    position: 3,
  },
  {
    slug: 'cravings-relapse-prevention',
    name: 'Cravings & Relapse Prevention',
    description: 'Riding out cravings, spotting triggers, and starting again after a slip without shame.',
    position: 4,
  },
  {
    slug: 'family-friends',
    name: 'Family & Friends',
    description: 'For the people beside someone in recovery: worries, boundaries and looking after yourself.',
    position: 5,
  },
  {
    slug: 'milestones-wins',
    name: 'Milestones & Wins',
    description: 'One day, one month, one year, or one good afternoon: share what went right.',
    position: 6,
  },
  {
    slug: 'life-in-recovery',
    name: 'Life in Recovery',
    description: 'Work, relationships, health, hobbies and everything else that makes a life worth protecting.',
    position: 7,
  },
];
