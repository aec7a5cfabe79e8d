// path-translation-invalid: ASCP accepts "", "False" in any letter case, or exactly one byte; anything
// else fails the mount (provider/secret_descriptor.go:377-384). Reported on the value.
import { pathTranslationInvalid } from '../../../server/src/core/rules/params/path-translation-invalid';
import { ruleTester, secretProviderClass } from '../../support';

const fails = "every mount fails with `pathTranslation must be either 'False' or a single character string`.";
const withTranslation = (v: string) =>
  secretProviderClass({
    objects: '- objectName: "/token"\n  objectType: "ssmparameter"',
    params: { pathTranslation: v },
  });

ruleTester.run(pathTranslationInvalid, {
  valid: [
    withTranslation('"-"'),
    withTranslation('"."'),
    withTranslation('""'),
    withTranslation('"False"'),
    // strings.ToLower(v) == "false": any letter case turns translation off
    withTranslation('"fALSE"'),
    withTranslation("'_'"),
  ],
  invalid: [
    {
      manifest: withTranslation('⟦"True"⟧'),
      message: `\`True\` is neither \`False\` nor a single character: ${fails}`,
    },
    {
      name: 'two characters',
      manifest: withTranslation('⟦"__"⟧'),
      message: `\`__\` is neither \`False\` nor a single character: ${fails}`,
    },
    {
      name: 'one character of two bytes: ASCP counts bytes',
      manifest: withTranslation('⟦"·"⟧'),
      message: `\`·\` is neither \`False\` nor a single character (it is 2 bytes in UTF-8; ASCP counts bytes): ${fails}`,
    },
    {
      name: 'an unquoted word is a string too',
      manifest: withTranslation('⟦none⟧'),
      message: `\`none\` is neither \`False\` nor a single character: ${fails}`,
    },
  ],
});
