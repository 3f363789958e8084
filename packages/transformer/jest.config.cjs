module.exports = { ...require('../../jest.preset.js'), displayName: 'transformer', rootDir: __dirname };
