// Stands in for @digitalbazaar/http-client inside workerd tests: jsonld's Node document loader
// require()s it (an ES module with import attributes workerd refuses), and skillcred never lets
// jsonld fetch. CommonJS, because it is required from CommonJS.
'use strict';
const refuse = () => {
  throw new Error('@digitalbazaar/http-client is stubbed out: skillcred never fetches JSON-LD documents');
};
module.exports = { httpClient: { get: refuse, post: refuse }, DEFAULT_HEADERS: {} };
