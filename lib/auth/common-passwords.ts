/**
 * Passwords of 10+ characters that top the public breach lists, plus the product's own words.
 * Checked case-insensitively; a password that is one character repeated is refused too.
 */
const COMMON = new Set([
  "1234567890", "12345678910", "123456789a", "0123456789", "1111111111", "0987654321", "1q2w3e4r5t", "1qaz2wsx3edc",
  "qwertyuiop", "qwerty1234", "qwerty12345", "qwertyuiop1", "asdfghjkl1", "zxcvbnm123", "q1w2e3r4t5", "a1b2c3d4e5",
  "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "password!1", "mypassword", "mypassword1",
  "iloveyou12", "iloveyou123", "sunshine123", "princess123", "football12", "football123", "baseball123", "basketball",
  "basketball1", "superman123", "starwars123", "dragon1234", "monkey1234", "letmein123", "welcome123", "welcome1234",
  "abc1234567", "abcdefghij", "abcd123456", "changeme123", "administrator", "admin12345", "admin123456", "trustno1234",
  "computer123", "whatever123", "freedom123", "charlie123", "michael123", "jessica123", "liverpool1", "chelsea123",
  "samsung123", "pokemon123", "minecraft1", "minecraft123", "fortnite123", "roblox1234", "student123", "student1234",
  "school1234", "teacher123", "newspaper1", "newspaper123", "masthead123", "masthead-demo", "journalism", "journalism1",
]);

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  return COMMON.has(p) || /^(.)\1+$/.test(p);
}
