import { RegistryError } from './errors';
import { Registry } from './registry';

const make = () =>
  new Registry<() => number>({
    noun: 'a widget',
    register: 'registerWidget',
    get: 'getWidget',
    value: 'factory',
  });

describe('Registry', () => {
  it('registers, returns, lists sorted and unregisters', () => {
    const r = make();
    r.register('zeta', () => 2);
    r.register('alpha-1', () => 1);
    expect(r.get('alpha-1')()).toBe(1);
    expect(r.list()).toEqual(['alpha-1', 'zeta']);
    expect(r.unregister('zeta')).toBe(true);
    expect(r.unregister('zeta')).toBe(false);
  });

  it('refuses a taken name instead of overwriting', () => {
    const r = make();
    r.register('w', () => 1);
    expect(() => r.register('w', () => 2)).toThrow(
      new RegistryError('registerWidget: a widget named "w" is already registered'),
    );
    expect(r.get('w')()).toBe(1);
  });

  it('names an unknown name and the known ones', () => {
    const r = make();
    expect(() => r.get('x')).toThrow(new RegistryError('getWidget: no widget named "x"; known: (none)'));
    r.register('y', () => 1);
    expect(() => r.get('x')).toThrow('getWidget: no widget named "x"; known: y');
  });

  it('rejects malformed names and values', () => {
    expect(() => make().register('Bad Name', () => 1)).toThrow(
      new TypeError('registerWidget: name must be kebab-case (e.g. "my-method"); got "Bad Name"'),
    );
    expect(() => make().register('ok', 3 as unknown as () => number)).toThrow(
      new TypeError('registerWidget: factory must be a function; got 3'),
    );
  });
});
