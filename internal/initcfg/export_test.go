package initcfg

// ValidConfigForTest exposes validConfig to the external test package.
var ValidConfigForTest = validConfig
