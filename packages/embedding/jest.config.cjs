module.exports = { ...require('../../jest.preset.js'), displayName: 'embedding', rootDir: __dirname };
