/**
 * What an order holds of its buyer's legal data, which its webhooks do not
 * carry: the checkout's localized fields (codice fiscale, PEC, CPF/CNPJ:
 * Shopify keeps them on the order only, and sends them in no webhook), the
 * note attributes, the B2B company location's tax registration id with its
 * country, and the order's and its customer's metafields the merchant named
 * (`keys`, as namespace.key). Estimated cost: about 12.
 *
 * Orders placed before Shopify renamed them (localization extensions, 2020 to
 * 2024: "This connection will be removed in a future version. Use
 * `localizedFields` instead") are read through both: the deprecated
 * `localizationExtensions` holds the same keys (LocalizationExtensionKey).
 */
export const GET_ORDER_LEGAL_DATA = `#graphql
  query GetOrderLegalData($id: ID!, $keys: [String!], $withMetafields: Boolean!) {
    order(id: $id) {
      id
      customAttributes {
        key
        value
      }
      localizedFields(first: 10) {
        nodes {
          key
          value
          countryCode
        }
      }
      localizationExtensions(first: 10) {
        nodes {
          key
          value
          countryCode
        }
      }
      billingAddress {
        countryCodeV2
      }
      shippingAddress {
        countryCodeV2
      }
      metafields(first: 5, keys: $keys) @include(if: $withMetafields) {
        nodes {
          namespace
          key
          value
        }
      }
      customer {
        id
        metafields(first: 5, keys: $keys) @include(if: $withMetafields) {
          nodes {
            namespace
            key
            value
          }
        }
      }
      purchasingEntity {
        __typename
        ... on PurchasingCompany {
          company {
            name
          }
          location {
            id
            taxSettings {
              taxRegistrationId
            }
            billingAddress {
              countryCode
            }
            shippingAddress {
              countryCode
            }
          }
        }
      }
    }
  }
`;
export const GET_ORDER_LEGAL_DATA_COST = 12;
