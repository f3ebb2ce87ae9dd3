import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { minimiseNelderMead } from './nelder-mead.ts';

const minimiser = suite('Nelder–Mead minimiser');

minimiser('finds the minimum of the Rosenbrock valley from the usual start', () => {
  const rosenbrock = ([x = 0, y = 0]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
  const minimum = minimiseNelderMead(rosenbrock, [-1.2, 1], { pointTolerance: 1e-9, valueTolerance: 1e-14 });
  assert.ok(minimum.converged);
  assert.ok(Math.abs((minimum.point[0] as number) - 1) < 1e-6, `x = ${minimum.point[0]}`);
  assert.ok(Math.abs((minimum.point[1] as number) - 1) < 1e-6, `y = ${minimum.point[1]}`);
});

minimiser('finds the centre of a four-dimensional bowl with unequal axes', () => {
  const centre = [3, -2, 0.5, 10];
  const bowl = (point: readonly number[]) =>
    point.reduce((sum, value, i) => sum + (i + 1) ** 2 * (value - (centre[i] as number)) ** 2, 0);
  const minimum = minimiseNelderMead(bowl, [0, 0, 0, 0]);
  minimum.point.forEach((value, i) => {
    assert.ok(Math.abs(value - (centre[i] as number)) < 1e-5, `axis ${i}: ${value}`);
  });
});

minimiser('walks away from NaN and +∞ as from any worse value', () => {
  const guarded = ([x = 0]: readonly number[]) => (x < 0 ? Number.NaN : (x - 2) ** 2);
  const minimum = minimiseNelderMead(guarded, [0.1]);
  assert.ok(Math.abs((minimum.point[0] as number) - 2) < 1e-5);
});

minimiser('says so when the evaluation budget runs out', () => {
  const rosenbrock = ([x = 0, y = 0]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
  const minimum = minimiseNelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 20 });
  assert.is(minimum.converged, false);
  assert.ok(minimum.evaluations <= 25);
});

minimiser.run();
