import { Id } from '../../common/validation.js';

export class ItemIdDto {
  @Id()
  id!: string;
}
