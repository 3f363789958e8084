module.exports = { ...require('../../jest.preset.js'), displayName: 'index-mapping', rootDir: __dirname };
