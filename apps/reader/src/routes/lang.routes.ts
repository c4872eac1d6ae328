import type { FastifyPluginCallback } from 'fastify';
import { notFound } from '../http/error-body.js';
import type { TranslationStore } from '../translation-store.js';

/** A language code as the file names are: `en`, `es`, `pt-BR`, `zh_Hant`. */
const LANGUAGE = '^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$';
const SECTION = '^[A-Za-z0-9_.-]{1,64}$';

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
        querystring: {
          type: 'object',
          properties: {
            lang: {
              type: 'string',
              pattern: LANGUAGE,
              description: 'defaults to [site] language, then en',
            },
            section: { type: 'string', pattern: SECTION, description: 'e.g. base' },
          },
        },
      },
    },
    async (request, reply) => {
      const { lang, section } = request.query as { lang?: string; section?: string };
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
