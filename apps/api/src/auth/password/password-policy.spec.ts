import { render } from '../../i18n/i18n.js';
import { passwordProblem as problemOf } from './password-policy.js';

/** The reason in English, as the API says it without another language asked for. */
const passwordProblem = (password: string, username?: string): string | null => {
  const problem = problemOf(password, username);
  return problem && render('en', problem);
};

describe(problemOf.name, () => {
  it.each([
    ['aaaaaaaaaa', 'all one character'],
    ['Password1!', 'a common password with the usual decorations'],
    ['abcdefghijkl', 'a sequence'],
    ['1234567890', 'a number sequence'],
    ['qwertyuiop', 'a keyboard walk'],
    ['password123', 'on the breached list'],
    ['iloveyou2020', 'on the breached list'],
    ['P@ssw0rd1234', 'l33t of a common password'],
  ])('refuses %s (%s) with advice', (password) => {
    const problem = passwordProblem(password, 'river_1');
    expect(problem).toMatch(/easy to guess/);
    expect(problem).toContain('Try three or four words');
  });

  it('refuses a password shorter than 10 characters and one equal to the username', () => {
    expect(passwordProblem('short one')).toBe('must be at least 10 characters');
    expect(passwordProblem('Quiet_River_42', 'quiet_river_42')).toBe('must not be the same as your username');
  });

  it('gives the reason and the advice in Spanish too, zxcvbn’s warning included', () => {
    const problem = problemOf('abcdefghijkl', 'river_1');
    expect(problem && render('es', problem)).toMatch(
      /^es demasiado fácil de adivinar\. .*fáciles de adivinar\. Prueba con tres o cuatro palabras/,
    );
  });

  it('refuses a password built from the username', () => {
    expect(passwordProblem('quietriver2024', 'quietriver')).not.toBeNull();
  });

  it.each(['steady days ahead', 'a long and good passphrase', 'lantern ocean tuesday fig', 'Tr0ub4dor&3x'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, 'river_1')).toBeNull();
    },
  );

  it('costs no more for a 200-character password than for a 64-character one (zxcvbn sees at most 64)', () => {
    // A ratio measured side by side, so a loaded machine does not make it flaky.
    const cost = (password: string): number => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        passwordProblem(password, 'river_1');
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    for (const unit of ['a', 'ab1!', 'qwertyuiop', 'x9']) {
      const of = (n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      expect(cost(of(200))).toBeLessThan(cost(of(64)) * 3 + 5);
    }
  });
});
