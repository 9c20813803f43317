import { strict as assert } from 'node:assert';
import { describeStatus } from '../../../client/src/statusText';

const base = { uri: 'file:///work/bdtCut.json', isConfig: true };

describe('describeStatus', () => {
  it('shows bins and errors with the error icon', () => {
    const { text, tooltip } = describeStatus({ ...base, bins: 6, errors: 2, warnings: 1 });
    assert.equal(text, '$(error) DQ ML: 6 bins, 2 errors');
    assert.match(tooltip, /6 bins, 2 errors and 1 warning\./);
  });

  it('uses the singular for one bin and one error', () => {
    const { text } = describeStatus({ ...base, bins: 1, errors: 1, warnings: 0 });
    assert.equal(text, '$(error) DQ ML: 1 bin, 1 error');
  });

  it('shows a warning icon when only warnings remain', () => {
    const { text } = describeStatus({ ...base, bins: 4, errors: 0, warnings: 3 });
    assert.equal(text, '$(warning) DQ ML: 4 bins, 0 errors');
  });

  it('shows a check when the config is clean', () => {
    const { text } = describeStatus({ ...base, bins: 4, errors: 0, warnings: 0 });
    assert.equal(text, '$(pass) DQ ML: 4 bins, 0 errors');
  });
});
