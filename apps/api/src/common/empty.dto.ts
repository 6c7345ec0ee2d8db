/** For events that take no fields: anything extra is refused. */
export class EmptyDto {}
