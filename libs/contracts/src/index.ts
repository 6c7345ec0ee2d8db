export * from './errors.js';
export * from './auth.js';
export * from './sockets.js';
export * from './crisis.js';
export * from './boards.js';
export * from './meetings.js';
export * from './moderation.js';
export * from './safety.js';
