package initcfg

// ValidConfigForTest exposes validConfig to the external test package.
var ValidConfigForTest = validConfig

// WriteSite exposes the tests' site writer to the external test package.
var WriteSite = writeSite
