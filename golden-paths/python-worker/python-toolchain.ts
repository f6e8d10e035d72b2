import { Toolchain } from '../toolchain';

/** Python 3.12 with pip: `pip install -r requirements.txt`, `python -m pytest`. */
export const PYTHON_TOOLCHAIN = new Toolchain({
  name: 'python',
  setup: { name: 'Set up Python', uses: 'actions/setup-python@v5', with: { 'python-version': '3.12', 'cache': 'pip' } },
  install: 'pip install -r requirements.txt',
  test: 'python -m pytest',
});
