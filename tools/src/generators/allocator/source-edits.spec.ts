import { addImport, appendStatement, importsName } from './source-edits';

describe('addImport', () => {
  it('goes after the last import (the JSDoc example)', () => {
    expect(addImport("import { a } from './a';\n\nrun();\n", "import { b } from './b';")).toBe(
      "import { a } from './a';\nimport { b } from './b';\n\nrun();\n",
    );
  });

  it('goes after the closing line of a multi-line import', () => {
    expect(addImport("import {\n  a,\n  b,\n} from './ab';\nrun();\n", "import { c } from './c';")).toBe(
      "import {\n  a,\n  b,\n} from './ab';\nimport { c } from './c';\nrun();\n",
    );
  });

  it('does not mistake the end of a multi-line export for an import', () => {
    expect(
      addImport("import { a } from './a';\nexport {\n  b,\n} from './b';\n", "import { c } from './c';"),
    ).toBe("import { a } from './a';\nimport { c } from './c';\nexport {\n  b,\n} from './b';\n");
  });

  it('goes after a leading comment when there is no import, else at the top', () => {
    expect(addImport('// header\n// more\nrun();\n', "import { c } from './c';")).toBe(
      "// header\n// more\nimport { c } from './c';\nrun();\n",
    );
    expect(addImport('run();\n', "import { c } from './c';")).toBe("import { c } from './c';\nrun();\n");
  });
});

describe('appendStatement', () => {
  it('leaves a blank line after the imports (the JSDoc example)', () => {
    expect(appendStatement("import { a } from './a';\n", 'a();')).toBe("import { a } from './a';\n\na();\n");
  });

  it('follows the last statement directly, ending with one newline', () => {
    expect(appendStatement('a();\n\n\n', 'b();')).toBe('a();\nb();\n');
    expect(appendStatement("export {\n  a,\n} from './a';\n", 'b();')).toBe(
      "export {\n  a,\n} from './a';\nb();\n",
    );
    expect(appendStatement("import {\n  a,\n} from './a';\n", 'a();')).toBe(
      "import {\n  a,\n} from './a';\n\na();\n",
    );
    expect(appendStatement('', 'b();')).toBe('b();\n');
  });
});

describe('importsName', () => {
  it('finds a named binding in single- and multi-line imports (the JSDoc example)', () => {
    expect(importsName("import { registerAllocator } from './registry';", 'registerAllocator')).toBe(true);
    expect(
      importsName("import {\n  getAllocator,\n  registerAllocator,\n} from 'x';", 'registerAllocator'),
    ).toBe(true);
  });

  it('does not match a longer name or a mere call', () => {
    expect(importsName("import { registerAllocators } from 'x';", 'registerAllocator')).toBe(false);
    expect(importsName("registerAllocator('a', f);", 'registerAllocator')).toBe(false);
  });
});
