// BUILD_DIR lets a benchmark or browser test build into its own folder while another build runs. The Remix
// compiler loads this file without TypeScript, so it reads the variable itself; default as in lib/env.server.ts.
const buildDir = process.env.BUILD_DIR || 'build'

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: `${buildDir}/assets`,
  publicPath: '/build/',
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
