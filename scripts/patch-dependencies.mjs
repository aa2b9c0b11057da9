// Run by `npm install` / `npm ci` (postinstall). Patches one dependency in node_modules; see
// docs/decisions/0009-server-request-path.md. Idempotent, and fails the install if the text it patches has
// changed (a new version of the dependency), so a patch is never silently lost or misapplied.
import { readFileSync, writeFileSync } from 'node:fs'

/** Ends with the edits' version: bump it when an edit changes, so that a file patched by an older list is noticed. */
const MARK_BASE = '/* iwb: memoised route matching'
const MARK = `${MARK_BASE} 3 */`

/**
 * @remix-run/router (the server's copy: Remix and React Router on Node load dist/router.cjs.js) flattens and ranks the
 * whole route tree and builds a RegExp per route pattern on every match; Remix matches two to four times a request.
 * The ranked branches are kept per routes array (a WeakMap: the server's arrays live as long as the build) and the
 * compiled patterns per pattern (route patterns are a fixed set; the map is cleared if it ever grows past 1,000).
 */
const routerEdits = [
  [
    '  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;',
    '  let branches = rankedBranches(routes);\n  let matches = null;',
  ],
  [
    'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {',
    `${MARK}
const rankedBranchesByRoutes = new WeakMap();
function rankedBranches(routes) {
  let branches = rankedBranchesByRoutes.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranchesByRoutes.set(routes, branches);
  }
  return branches;
}
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = path + "\\u0000" + caseSensitive + "\\u0000" + end;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    if (compiledPaths.size >= 1000) compiledPaths.clear();
    compiled = compilePathUncached(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
  ],
  [
    // The matches of an address are kept per routes array too (frozen: every request shares them): Remix and React
    // Router match the same address three times a request, each time trying every branch until one matches — all
    // ~130 of them for an address that matches none.
    'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {',
    `const matchesByRoutes = new WeakMap();
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  let byAddress = matchesByRoutes.get(routes);
  if (!byAddress) {
    byAddress = new Map();
    matchesByRoutes.set(routes, byAddress);
  }
  let key = (location.pathname || "/") + "\\u0000" + basename + "\\u0000" + Boolean(allowPartial);
  let matches = byAddress.get(key);
  if (matches === undefined) {
    if (byAddress.size >= 1000) byAddress.clear();
    matches = matchRoutesUncached(routes, location, basename, allowPartial);
    if (matches) {
      matches.forEach(match => Object.freeze(Object.freeze(match).params));
      Object.freeze(matches);
    }
    byAddress.set(key, matches);
  }
  return matches;
}
function matchRoutesUncached(routes, locationArg, basename, allowPartial) {`,
  ],
  [
    'function compilePath(path, caseSensitive, end) {\n  if (caseSensitive',
    'function compilePathUncached(path, caseSensitive, end) {\n  if (caseSensitive',
  ],
]

function patch(relativePath, edits) {
  const file = new URL(`../node_modules/${relativePath}`, import.meta.url)
  let source = readFileSync(file, 'utf8')
  if (source.includes(MARK)) return
  if (source.includes(MARK_BASE))
    throw new Error(
      `patch-dependencies: ${relativePath} was patched by an older list; run rm -rf node_modules && npm ci`,
    )
  for (const [from, to] of edits) {
    if (source.split(from).length !== 2)
      throw new Error(`patch-dependencies: ${relativePath} changed; review the patch`)
    source = source.replace(from, () => to)
  }
  writeFileSync(file, source)
  console.log(`patch-dependencies: ${relativePath} patched`)
}

/**
 * Remix's RemixServer builds the whole React route tree from the build's manifest on every document request, and
 * React Router's createStaticRouter converts it to data routes again; both are a pure function of the build (its
 * manifest object lives as long as it; the route modules object is made anew per request, so its modules are
 * compared one by one). Kept per manifest, the ranked branches above are kept too (they are kept per routes array,
 * which was new on every request).
 */
const remixServerEdits = [
  [
    'function RemixServer({',
    `${MARK}
const serverRoutesByManifest = new WeakMap();
function sameModules(a, b) {
  if (a === b) return true;
  let keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (let key of keys) if (a[key] !== b[key]) return false;
  return true;
}
function serverRoutesFor(manifest, routeModules, future, isSpaMode) {
  let cached = serverRoutesByManifest.get(manifest.routes);
  if (!cached || cached.future !== future || cached.isSpaMode !== isSpaMode || !sameModules(cached.routeModules, routeModules)) {
    cached = { routeModules, future, isSpaMode, routes: routes.createServerRoutes(manifest.routes, routeModules, future, isSpaMode) };
    serverRoutesByManifest.set(manifest.routes, cached);
  }
  return cached.routes;
}
function RemixServer({`,
  ],
  [
    'let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);',
    'let routes$1 = serverRoutesFor(manifest, routeModules, context.future, context.isSpaMode);',
  ],
]

const staticRouterEdits = [
  [
    'function createStaticRouter(routes, context, opts = {}) {\n  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);',
    `${MARK}
const dataRoutesByRoutes = new WeakMap();
function createStaticRouter(routes, context, opts = {}) {
  let converted = dataRoutesByRoutes.get(routes);
  if (!converted) {
    let manifest = {};
    converted = { manifest, dataRoutes: router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest) };
    dataRoutesByRoutes.set(routes, converted);
  }
  let { manifest, dataRoutes } = converted;`,
  ],
  [
    // Every <Link> and useHref() on the server parses its address with new URL() (2.4 % of a case page's CPU time):
    // the parts of an address are kept (frozen; the map is cleared if it ever grows past 1,000).
    'function encodeLocation(to) {\n  let href = typeof to === "string" ? to : reactRouterDom.createPath(to);',
    `const encodedLocations = new Map();
function encodeLocation(to) {
  let key = typeof to === "string" ? to : reactRouterDom.createPath(to);
  let encoded = encodedLocations.get(key);
  if (!encoded) {
    if (encodedLocations.size >= 1000) encodedLocations.clear();
    encoded = Object.freeze(encodeLocationUncached(key));
    encodedLocations.set(key, encoded);
  }
  return encoded;
}
function encodeLocationUncached(to) {
  let href = typeof to === "string" ? to : reactRouterDom.createPath(to);`,
  ],
]

/**
 * Remix's lazy route discovery sends a page the routes of its address's parents too, and finds them by matching each
 * parent path against the whole route tree on every document request ("/" and "/cases" for a case page: two full
 * matches, 2.3 % of a case page's CPU time). The route ids of a list of parent paths are kept per routes array.
 */
const fogOfWarEdits = [
  [
    'function getPartialManifest(manifest, router$1) {',
    `${MARK}
const parentRouteIdsByRoutes = new WeakMap();
function parentRouteIds(routes, paths, basename) {
  let byPaths = parentRouteIdsByRoutes.get(routes);
  if (!byPaths) {
    byPaths = new Map();
    parentRouteIdsByRoutes.set(routes, byPaths);
  }
  let key = String(basename) + "\\u0000" + paths.join("\\u0000");
  let ids = byPaths.get(key);
  if (!ids) {
    if (byPaths.size >= 1000) byPaths.clear();
    ids = [];
    paths.forEach(path => {
      let matches = router.matchRoutes(routes, path, basename);
      if (matches) matches.forEach(m => ids.push(m.route.id));
    });
    byPaths.set(key, ids);
  }
  return ids;
}
function getPartialManifest(manifest, router$1) {`,
  ],
  [
    `  paths.forEach(path => {
    let matches = router.matchRoutes(router$1.routes, path, router$1.basename);
    if (matches) {
      matches.forEach(m => routeIds.add(m.route.id));
    }
  });`,
    '  parentRouteIds(router$1.routes, paths, router$1.basename).forEach(id => routeIds.add(id));',
  ],
]

patch('@remix-run/router/dist/router.cjs.js', routerEdits)
patch('@remix-run/react/dist/fog-of-war.js', fogOfWarEdits)
patch('@remix-run/react/dist/server.js', remixServerEdits)
patch('react-router-dom/server.js', staticRouterEdits)
