// Jest runs the ES-module sources through SWC (see ../shared/TOOLCHAIN.md):
// NestJS 12 is ESM-only and Jest on Node 20 cannot require() an ES module.
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'es6' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
};

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // @fastify/static 10 (the api docs' static files) require()s content-disposition 3, which
    // ships only ES modules. Node 20.19+ can require() an ES module; Jest on Node 20 cannot,
    // so Jest alone compiles that one package to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { ...swc, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@jixiao/application/shutdown$': '<rootDir>/libs/application/src/host/shutdown.ts',
    '^@jixiao/(application|domain|event-store|projections|workflow)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
};
