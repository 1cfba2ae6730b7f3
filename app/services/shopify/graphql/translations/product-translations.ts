/**
 * The shop's languages, a product's translatable content (with each value's digest), and registering translations
 * of it. Estimated costs: 1 point for the languages, 2 for the content, 10 for the registration.
 */
export const GET_SHOP_LOCALES = `#graphql
  query GetShopLocales {
    shopLocales {
      locale
      primary
      published
    }
  }
`;
export const GET_SHOP_LOCALES_COST = 1;

export const GET_PRODUCT_TRANSLATABLE_CONTENT = `#graphql
  query GetProductTranslatableContent($resourceId: ID!) {
    translatableResource(resourceId: $resourceId) {
      resourceId
      translatableContent {
        key
        digest
        locale
      }
    }
  }
`;
export const GET_PRODUCT_TRANSLATABLE_CONTENT_COST = 2;

export const REGISTER_TRANSLATIONS = `#graphql
  mutation RegisterTranslations($resourceId: ID!, $translations: [TranslationInput!]!) {
    translationsRegister(resourceId: $resourceId, translations: $translations) {
      translations {
        key
        locale
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
export const REGISTER_TRANSLATIONS_COST = 10;
