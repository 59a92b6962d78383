import assert from 'node:assert/strict';
import { refusedImports } from '../support/module-map';

/**
 * The domain folders under src/services/ (issue 15 item 7), as `npm run lint` enforces them: code
 * outside a domain folder imports it through its index.ts, never a file inside it.
 */
describe('a domain folder is imported only through its index.ts', () => {
  it('refuses a file inside a domain folder from the rest of src/', async () => {
    const wrong = [
      "import { placeOrder } from '../../services/orders/order-service';",
      "import type { CatalogProduct } from '../../services/catalog/catalog-service';",
      "export { identifyCustomer } from '../../services/customers/customer-service';",
      "import { viewCart } from '../../services/cart/index';",
    ];
    assert.deepEqual(await refusedImports(wrong.join('\n'), 'src/conversation/flows/new-file.ts'), wrong);
    const fromSrcRoot = "import { placeOrder } from './services/orders/order-service';";
    assert.deepEqual(await refusedImports(fromSrcRoot, 'src/new-file.ts'), [fromSrcRoot]);
  });

  it('accepts the domain indexes and the shared modules at the top of services/', async () => {
    const right = [
      "import { placeOrder } from '../../services/orders';",
      "import type { CatalogProduct } from '../../services/catalog';",
      "import type { CommerceSettings } from '../../services/settings';",
      "import { startMaintenance } from '../../services/maintenance';",
      "import { AppError } from '../../core/errors';",
    ];
    assert.deepEqual(await refusedImports(right.join('\n'), 'src/conversation/flows/new-file.ts'), []);
  });

  it('refuses a file of another domain from inside a domain folder, and accepts its own files, other indexes, store/ and core/', async () => {
    const wrong = ["import { placeOrder } from '../orders/order-service';", "import { placeOrder } from '../../services/orders/order-service';"];
    const right = [
      "import { placeOrder } from '../orders';",
      "import { checkVoiceCode } from './voice-code-service';",
      "import type { CommerceSettings } from '../settings';",
      "import { spentOn } from '../../store/spend-ledger-store';",
      "import { localDateOf } from '../../core/dates';",
    ];
    assert.deepEqual(await refusedImports([...wrong, ...right].join('\n'), 'src/services/checkout/new-file.ts'), wrong);
  });

  it('holds for the modules at the top of services/ and in nested folders of a domain', async () => {
    const top = ["import { resumeUnfinishedOrders } from './orders/order-service';", "import { resumeUnfinishedOrders } from './orders';"];
    assert.deepEqual(await refusedImports(top.join('\n'), 'src/services/new-file.ts'), [top[0]]);
    const nested = ["import { productsBySku } from '../../catalog/catalog-service';", "import { productsBySku } from '../../catalog';", "import { placeOrder } from '../order-service';"];
    assert.deepEqual(await refusedImports(nested.join('\n'), 'src/services/orders/steps/new-file.ts'), [nested[0]]);
  });

  it('holds in tests and benchmarks too', async () => {
    const fromTest = ["import { placeOrder } from '../../src/services/orders/order-service';", "import { placeOrder } from '../../src/services/orders';"];
    assert.deepEqual(await refusedImports(fromTest.join('\n'), 'test/conversation/new-file.test.ts'), [fromTest[0]]);
    const fromBench = ["import { invalidateCatalogIndex } from '../src/services/catalog/catalog-service';", "import { invalidateCatalogIndex } from '../src/services/catalog';"];
    assert.deepEqual(await refusedImports(fromBench.join('\n'), 'bench/new-file.ts'), [fromBench[0]]);
  });
});
