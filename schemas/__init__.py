"""Table Schemas, expectation suites and the schemas of the input and spec files: edited here, shipped inside the
package as `pipeline.schemas`."""
