import { CONTENT_WARNING_MAX, POST_BODY_MAX, THREAD_TITLE_MAX, THREAD_TITLE_MIN } from '@kindred/contracts';
import { Cursor, Flag, Id, OptionalId, OptionalTrimmedText, PageLimit, TrimmedText } from '../../common/validation.js';

export class CreateThreadDto {
  @TrimmedText(THREAD_TITLE_MIN, THREAD_TITLE_MAX, 'The thread title')
  title!: string;

  @TrimmedText(1, POST_BODY_MAX, 'The opening post, in Markdown')
  body!: string;

  /** Defaults to the member's account setting. */
  @Flag()
  anonymous?: boolean;

  @OptionalTrimmedText(CONTENT_WARNING_MAX, 'e.g. "describes withdrawal in detail"')
  contentWarning?: string;
}

export class CreatePostDto {
  @TrimmedText(1, POST_BODY_MAX, 'Markdown')
  body!: string;

  /** Defaults to the member's account setting. */
  @Flag()
  anonymous?: boolean;

  @OptionalId()
  replyToId?: string;

  @OptionalTrimmedText(CONTENT_WARNING_MAX)
  contentWarning?: string;
}

export class EditPostDto {
  @TrimmedText(1, POST_BODY_MAX, 'Markdown')
  body!: string;
}

export class PreviewDto {
  @TrimmedText(1, POST_BODY_MAX, 'Markdown')
  body!: string;
}

export class UpdateThreadDto {
  @Flag()
  pinned?: boolean;

  @Flag()
  locked?: boolean;
}

export class ListPostsQuery {
  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class WatchThreadDto {
  @Id()
  threadId!: string;
}
