/** The meetings feature's time source is the shared one (common/clock.ts). */
export { CLOCK, systemClock, type Clock } from '../common/clock.js';
