import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticleImporter } from './article-importer.service.js';
import { CrisisResourcesController } from './crisis-resources.controller.js';
import { CrisisResourcesService } from './crisis-resources.service.js';
import { ArticleSectionEntity } from './entities/article-section.entity.js';
import { ArticleEntity } from './entities/article.entity.js';
import { BoardArticleEntity } from './entities/board-article.entity.js';
import { ThreadRelatedEntity } from './entities/thread-related.entity.js';
import { LibraryController } from './library.controller.js';
import { LibraryRepository } from './library.repository.js';
import { LibraryService } from './library.service.js';
import { RelatedArticlesService } from './related-articles.service.js';
import { RelatedRepository } from './related.repository.js';

/**
 * The educational library: Markdown articles imported at start-up, board pins, related reading
 * for threads (from domain events) and the crisis resources. Other features use the exported
 * LibraryService.pinnedForBoard and CrisisResourcesService.list.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ArticleEntity, ArticleSectionEntity, BoardArticleEntity, ThreadRelatedEntity])],
  controllers: [LibraryController, CrisisResourcesController],
  providers: [
    LibraryRepository,
    RelatedRepository,
    LibraryService,
    RelatedArticlesService,
    ArticleImporter,
    CrisisResourcesService,
  ],
  exports: [LibraryService, CrisisResourcesService, RelatedArticlesService],
})
export class LibraryModule {}
