/** The shop as the dashboard shows it. Estimated cost: 2 points. */
export const GET_SHOP_OVERVIEW = `#graphql
  query GetShopOverview {
    shop {
      name
      myshopifyDomain
      email
      currencyCode
      ianaTimezone
      plan {
        displayName
      }
    }
    locations(first: 50) {
      nodes {
        id
        name
        isActive
      }
    }
  }
`;
export const GET_SHOP_OVERVIEW_COST = 4;
