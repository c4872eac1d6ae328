import type { FastifyPluginCallback } from 'fastify';
import { LangQuerySchema, type LangQuery } from '@meshview/api';
import { notFound } from '../http/error-body.js';
import type { TranslationStore } from '../translation-store.js';

/** `/api/lang`: a translation file, or one section of it, for the pages. */
export const langRoutes: FastifyPluginCallback<{
  readonly translations: TranslationStore;
  readonly defaultLanguage: string;
}> = (app, { translations, defaultLanguage }, done) => {
  app.get(
    '/api/lang',
    {
      schema: {
        summary: 'translations for the pages',
        querystring: LangQuerySchema,
      },
    },
    async (request, reply) => {
      const { lang, section } = request.query as LangQuery;
      const language = lang ?? ((await translations.has(defaultLanguage)) ? defaultLanguage : 'en');
      const strings = await translations.get(language);
      if (strings === undefined) {
        return notFound(reply, `no translation for language ${language}`, 'lang', 'querystring');
      }
      if (section === undefined) return strings;
      const part = Object.hasOwn(strings, section) ? strings[section] : undefined;
      if (part === undefined) {
        return notFound(
          reply,
          `no section ${section} in language ${language}`,
          'section',
          'querystring',
        );
      }
      return part;
    },
  );
  done();
};
