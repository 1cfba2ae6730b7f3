// A GraphQL Code Generator plugin: one entry per named operation, keyed by the
// document's exact text, giving its generated result and variables types. The
// Admin client looks a document up here, so `request(SET_PRODUCT, …)` is typed
// by the schema with no cast and no type named by hand.
const { Kind } = require("graphql");

const capitalise = (word) => word.charAt(0).toUpperCase() + word.slice(1);

module.exports = {
  plugin(_schema, documents) {
    const entries = [];
    for (const file of documents) {
      const operations = file.document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (operations.length !== 1 || !operations[0].name) continue; // bulk queries: anonymous, never sent through request()
      const type = `${operations[0].name.value}${capitalise(operations[0].operation)}`;
      entries.push(`  ${JSON.stringify(file.rawSDL)}: { result: ${type}; variables: ${type}Variables };`);
    }
    return `\nexport interface AdminDocuments {\n${entries.join("\n")}\n}\n`;
  },
};
