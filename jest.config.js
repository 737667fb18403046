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

// @nestjs/swagger loads @fastify/static 10 for Fastify, which require()s content-disposition 3,
// an ES module only; Jest on Node 20 cannot require() it, so that one package is compiled to CommonJS.
const esmOnlyRequired = ['content-disposition'];
const swcCommonJs = { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022' } };

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    [`/node_modules/(${esmOnlyRequired.join('|')})/.+\\.js$`]: ['@swc/jest', swcCommonJs],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyRequired.join('|')})/)`],
  moduleNameMapper: {
    '^@jixiao/application/shutdown$': '<rootDir>/libs/application/src/host/shutdown.ts',
    '^@jixiao/(application|domain|event-store|projections|transparency|workflow)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
};
