/** The most common passwords of 10+ characters in public breach lists; refused at registration. */
export const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '0987654321', '1111111111', '0000000000', '1234512345', '123456789a',
  'qwertyuiop', 'password12', 'password123', 'password1234', 'passw0rd123', 'iloveyou12', 'iloveyou123',
  'qwerty1234', 'qwerty12345', 'qwerty123456', '1q2w3e4r5t', '1qaz2wsx3edc', 'zaq12wsxcde', 'abcdefghij',
  'abc1234567', 'abcd123456', 'a123456789', 'asdfghjkl1', 'asdfghjkl;', 'zxcvbnm123', 'football12',
  'baseball12', 'princess12', 'sunshine12', 'welcome123', 'letmein123', 'trustno123', 'monkey1234',
  'dragon1234', 'master1234', 'superman12', 'starwars12', 'whatever12', 'changeme12', 'changeme123',
  'administrator', 'adminadmin', 'admin12345', 'admin123456', 'useruser12', 'testtest12', 'test123456',
  'pa$$word123', 'p@ssw0rd12', 'p@ssword123', 'passwordpassword', '11111111111', '12345678910',
  '9876543210', '987654321a', '1234qwer12', 'qwertyuiop1', 'q1w2e3r4t5', 'qazwsxedcr', 'iloveyou!!',
  'recovery123', 'kindred123', 'password!!', 'password01', 'heroin1234', 'naloxone12',
]);

export function isTooCommon(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
