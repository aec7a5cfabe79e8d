// use-pod-identity-invalid: ASCP parses usePodIdentity with Go's strconv.ParseBool, which accepts only
// 1 t T TRUE true True 0 f F FALSE false False; anything else fails the mount (server/server.go:166-173).
// Reported on the value; the fix offers "true" or "false" when the intent is clear.
import { usePodIdentityInvalid } from '../../../server/src/core/rules/params/use-pod-identity-invalid';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (v: string) => secretProviderClass({ params: { usePodIdentity: v } });
const message = (v: string) =>
  `\`${v}\` is not a Go boolean: every mount fails with \`failed to parse usePodIdentity value, error: strconv.ParseBool: parsing "${v}": invalid syntax\`. Use \`"true"\` or \`"false"\`.`;

ruleTester.run(usePodIdentityInvalid, {
  valid: ['"true"', '"True"', '"TRUE"', '"t"', '"1"', '"false"', '"F"', '"0"', '""'].map(cls),
  invalid: [
    {
      manifest: cls('⟦"yes"⟧'),
      message: message('yes'),
      fixes: [{ title: 'Use "true"', output: cls('"true"'), safeForFixAll: true }],
    },
    {
      name: 'mixed case is not one of the Go spellings',
      manifest: cls('⟦"tRUE"⟧'),
      message: message('tRUE'),
      fixes: [{ title: 'Use "true"', output: cls('"true"') }],
    },
    {
      name: 'disabled means false',
      manifest: cls("⟦'disabled'⟧"),
      message: message('disabled'),
      fixes: [{ title: 'Use "false"', output: cls('"false"') }],
    },
    {
      name: 'spaces around a Go boolean',
      manifest: cls('⟦" true"⟧'),
      message: message(' true'),
      fixes: [{ title: 'Use "true"', output: cls('"true"') }],
    },
    {
      name: 'no guess, no fix',
      manifest: cls('⟦"irsa"⟧'),
      message: message('irsa'),
    },
  ],
});
