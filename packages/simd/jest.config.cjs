module.exports = { ...require('../../jest.preset.js'), displayName: 'simd', rootDir: __dirname };
