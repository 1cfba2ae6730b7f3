// Loads Shopify's Admin schema (the gzipped introspection the emulator reads too) for GraphQL Code Generator.
const { readFileSync } = require("node:fs");
const { gunzipSync } = require("node:zlib");
const { buildClientSchema } = require("graphql");

module.exports = function loadAdminSchema(file) {
  const introspection = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
  return buildClientSchema(introspection.data);
};
