/* zlib for the contract server's own PNG check: the server inflates every PNG it receives with
   zlib directly, independently of the product's codec shim. */
#include <zlib.h>
