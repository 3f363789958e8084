module.exports = { ...require('../../jest.preset.js'), displayName: 'pretrained', rootDir: __dirname };
